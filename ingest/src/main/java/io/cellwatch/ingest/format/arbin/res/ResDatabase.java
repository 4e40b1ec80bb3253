package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One look at an Arbin {@code .res} file: the Access database opened read-only, its tables found by
 * name with the columns the reader needs. Jackcess reports damage as whatever runtime exception the
 * broken structure leads it into; {@link #damaged} turns each into a {@link BinaryFormatException}
 * naming the file and table, so no other exception leaves the reader.
 */
final class ResDatabase implements AutoCloseable {
    /** Column types Jackcess hands back as a {@link Number}. */
    private static final Set<DataType> NUMERIC = EnumSet.of(
            DataType.BYTE,
            DataType.INT,
            DataType.LONG,
            DataType.BIG_INT,
            DataType.FLOAT,
            DataType.DOUBLE,
            DataType.NUMERIC,
            DataType.MONEY);

    private final Path file;
    private final Database database;

    private ResDatabase(Path file, Database database) {
        this.file = file;
        this.database = database;
    }

    /**
     * Opens the file read-only: MITS Pro may be writing it, and a reader must never change a result
     * file. Nothing is cached between opens, so each open sees what the cycler has written since.
     *
     * @param chains the file's table-definition chains, checked before Jackcess follows them
     */
    static ResDatabase open(Path file, TableDefinitionChains chains) throws BinaryFormatException {
        chains.requireEnding(file);
        try {
            Database database = new DatabaseBuilder(file.toFile())
                    .setReadOnly(true)
                    .setIgnoreBrokenSystemCatalogIndex(true)
                    .open();
            return new ResDatabase(file, database);
        } catch (IOException | RuntimeException e) {
            throw new BinaryFormatException(
                    file, "Access database header and system catalog", "a readable Jet 4 database", e.toString());
        }
    }

    Path file() {
        return file;
    }

    /** The table, or an error naming it when the file has none of that name. */
    Table table(String name) throws BinaryFormatException {
        return optionalTable(name)
                .orElseThrow(() -> new BinaryFormatException(
                        file,
                        "table " + name,
                        "the table, which every Arbin result file has",
                        "none of that name (is this a MITS Pro .res?)"));
    }

    /** The table, or empty when the file has none of that name (tables older MITS Pro versions lack). */
    Optional<Table> optionalTable(String name) throws BinaryFormatException {
        try {
            return Optional.ofNullable(database.getTable(name));
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    /** Fails naming table and column when a column the reader needs is absent or not a number. */
    void requireNumeric(Table table, String... columns) throws BinaryFormatException {
        for (String name : columns) {
            Column column = column(table, name)
                    .orElseThrow(() -> new BinaryFormatException(
                            file, "table " + table.getName(), "a column " + name, "none of that name"));
            if (!NUMERIC.contains(column.getType())) {
                throw new BinaryFormatException(
                        file,
                        "table " + table.getName() + ", column " + name,
                        "a number column",
                        "column type " + column.getType());
            }
        }
    }

    /** The column of that name, or empty. */
    static Optional<Column> column(Table table, String name) {
        return table.getColumns().stream()
                .filter(c -> c.getName().equalsIgnoreCase(name))
                .map(c -> (Column) c)
                .findFirst();
    }

    /** Damage met while reading a table: the file, the table and what Jackcess ran into. */
    BinaryFormatException damaged(String table, Exception cause) {
        BinaryFormatException e = new BinaryFormatException(
                file, "table " + table, "readable rows", "damage in the database (" + cause + ")");
        e.initCause(cause);
        return e;
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (IOException | RuntimeException e) {
            // Read-only: nothing was written, so a failing close loses nothing.
        }
    }
}
