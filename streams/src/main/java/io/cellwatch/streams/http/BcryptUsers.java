package io.cellwatch.streams.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP basic authentication against bcrypt hashes, as the exporter toolkit does it: a wrong user
 * costs as much time as a wrong password (it is checked against a hash of the same cost), and a
 * user/password pair that passed once is remembered (by a digest, never in clear), so a scrape every
 * 15 s does not spend a bcrypt round (~50–100 ms of CPU at cost 10) every time. Only pairs that passed:
 * at most one per user (bcrypt reads a password's first 72 bytes only, so the digest does too: every
 * longer password sharing them passes as one), so no stream of guesses can fill the memory and leave
 * the real scrapes paying a bcrypt round each from then on. At most {@link #CHECKS_AT_ONCE} rounds run at
 * once: a flood of wrong passwords queues for them instead of taking every core, and a pair already
 * remembered (Prometheus' scrape) never waits behind it. A malformed {@code Authorization} header is
 * answered 401 like a wrong password (the JDK's authenticator threw, and the connection closed unanswered).
 */
final class BcryptUsers extends BasicAuthenticator {
    /** Costs 04 to 31, the ones bcrypt computes. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12]\\d|3[01])\\$[./A-Za-z0-9]{53}");
    /** The most bytes of a password bcrypt reads. */
    private static final int BCRYPT_BYTES = 72;

    static final int CHECKS_AT_ONCE = 2;
    /** How long a check waits for its turn before the request is refused. */
    private static final long CHECK_WAIT_SECONDS = 10;

    private final Map<String, String> users;
    private final String dummyHash;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();
    private final Semaphore checking = new Semaphore(CHECKS_AT_ONCE, true);

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
    public Result authenticate(HttpExchange exchange) {
        try {
            return super.authenticate(exchange);
        } catch (RuntimeException malformed) {
            // Not Base64, or no ':' between user and password: refused as a wrong password is.
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + getRealm() + "\"");
            return new Authenticator.Failure(401);
        }
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        String key = digest(user, password);
        if (passed.contains(key)) {
            return true;
        }
        String hash = users.get(user);
        boolean valid;
        try {
            // Bounded: a request queued behind a flood of wrong passwords answers 401 rather than hold its thread.
            if (!checking.tryAcquire(CHECK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            valid = BCrypt.checkpw(password, hash != null ? hash : dummyHash) && hash != null;
        } finally {
            checking.release();
        }
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
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            sha.update(bytes, 0, Math.min(bytes.length, BCRYPT_BYTES));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
