package io.cellwatch.streams.http;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP basic authentication against bcrypt hashes, as the exporter toolkit does it: a wrong user
 * costs as much time as a wrong password (it is checked against a hash of the same cost), and a
 * user/password pair that passed once is remembered (by a digest, never in clear), so a scrape every
 * 15 s does not spend a bcrypt round (~50–100 ms of CPU at cost 10) every time. Only pairs that passed:
 * at most one per user, so no stream of wrong guesses can fill the memory and leave the real scrapes
 * paying a bcrypt round each from then on.
 */
final class BcryptUsers extends BasicAuthenticator {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private final Map<String, String> users;
    private final String dummyHash;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    BcryptUsers(Map<String, String> users) {
        super("cellwatch", StandardCharsets.UTF_8);
        this.users = Map.copyOf(users);
        // A hash of the same cost as the first real one, for unknown users.
        String cost = users.values().iterator().next().substring(4, 6);
        this.dummyHash = BCrypt.hashpw("not a password", BCrypt.gensalt(Integer.parseInt(cost)));
    }

    static boolean isBcryptHash(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        String key = digest(user, password);
        if (passed.contains(key)) {
            return true;
        }
        String hash = users.get(user);
        boolean valid = BCrypt.checkpw(password, hash != null ? hash : dummyHash) && hash != null;
        if (valid) {
            passed.add(key);
        }
        return valid;
    }

    /** How many user/password pairs are remembered as passed. */
    int remembered() {
        return passed.size();
    }

    private static String digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
