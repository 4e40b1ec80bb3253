package io.cellwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code cellwatch replay ARGS...} run in-process, with its JSON lines parsed and its stderr kept. */
public record ReplayRun(int exit, List<JsonNode> lines, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ReplayRun of(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CellwatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "replay";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = cli.execute(full);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new ReplayRun(exit, lines, err.toString());
    }

    public List<JsonNode> cycles() {
        return ofType("cycle");
    }

    public List<JsonNode> alerts() {
        return ofType("alert");
    }

    private List<JsonNode> ofType(String type) {
        return lines.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }
}
