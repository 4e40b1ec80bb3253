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
import java.util.function.Supplier;
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

    private final Supplier<Map<String, String>> source;
    private final Semaphore checking = new Semaphore(CHECKS_AT_ONCE, true);
    /** The users in force, with what goes with them; replaced whole when the source gives others. */
    private volatile Generation current;

    /**
     * @param users the users in force, asked for every request: a pair that passed is remembered only while
     *     they stay the same map, so a user removed or a password changed is refused from the next request on
     */
    private record Generation(Map<String, String> users, String dummyHash, Set<String> passed) {
        static Generation of(Map<String, String> users) {
            // A hash of the same cost as the first real one, for unknown users.
            String cost = users.values().iterator().next().substring(4, 6);
            String dummy = BCrypt.hashpw("not a password", BCrypt.gensalt(Integer.parseInt(cost)));
            return new Generation(users, dummy, ConcurrentHashMap.newKeySet());
        }
    }

    BcryptUsers(Map<String, String> users) {
        this(() -> users);
    }

    /** Users from {@code source}, asked at every request ({@link ReloadingUsers}: the web config read again when it changes). */
    BcryptUsers(Supplier<Map<String, String>> source) {
        super("cellwatch", StandardCharsets.UTF_8);
        this.source = source;
        this.current = Generation.of(source.get());
    }

    private Generation generation() {
        Map<String, String> users = source.get();
        Generation g = current;
        if (users == g.users()) {
            return g;
        }
        synchronized (this) {
            if (users != current.users()) {
                current = Generation.of(users);
            }
            return current;
        }
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
        Generation g = generation();
        String key = digest(user, password);
        if (g.passed().contains(key)) {
            return true;
        }
        String hash = g.users().get(user);
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
            valid = BCrypt.checkpw(password, hash != null ? hash : g.dummyHash()) && hash != null;
        } finally {
            checking.release();
        }
        if (valid) {
            g.passed().add(key); // to the users it passed against: gone with them if they were replaced meanwhile
        }
        return valid;
    }

    /** How many user/password pairs are remembered as passed. */
    int remembered() {
        return current.passed().size();
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
