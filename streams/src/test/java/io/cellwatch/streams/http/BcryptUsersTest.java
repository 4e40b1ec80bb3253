package io.cellwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Basic auth against bcrypt hashes: right pairs remembered, wrong guesses never. */
class BcryptUsersTest {
    private final BcryptUsers users = new BcryptUsers(Map.of("prometheus", BCrypt.hashpw("s3cret", BCrypt.gensalt(4))));

    @Test
    void wrongGuessesAreRefusedAndNeverRememberedSoTheyCannotCrowdOutTheRealScrape() {
        for (int i = 0; i < 50; i++) {
            assertThat(users.checkCredentials("prometheus", "guess-" + i)).isFalse();
            assertThat(users.checkCredentials("user-" + i, "s3cret")).isFalse();
        }
        assertThat(users.remembered()).isZero();

        assertThat(users.checkCredentials("prometheus", "s3cret")).isTrue();
        assertThat(users.checkCredentials("prometheus", "s3cret")).isTrue();
        assertThat(users.remembered()).isEqualTo(1);
        assertThat(users.checkCredentials("prometheus", "s3cret ")).isFalse();
    }

    @Test
    void passwordsPastBcryptsSeventyTwoBytesAreRememberedOnceAsTheyPassAsOne() {
        String long72 = "p".repeat(72);
        BcryptUsers longPassword = new BcryptUsers(Map.of("prometheus", BCrypt.hashpw(long72, BCrypt.gensalt(4))));
        for (int i = 0; i < 5; i++) {
            assertThat(longPassword.checkCredentials("prometheus", long72 + "-" + i))
                    .isTrue();
        }
        assertThat(longPassword.remembered()).isEqualTo(1);
    }

    @Test
    void onlyCostsBcryptComputesAreHashes() {
        String hash = BCrypt.hashpw("s3cret", BCrypt.gensalt(10));
        assertThat(BcryptUsers.isBcryptHash(hash)).isTrue();
        assertThat(BcryptUsers.isBcryptHash(hash.replace("$10$", "$04$"))).isTrue();
        assertThat(BcryptUsers.isBcryptHash(hash.replace("$10$", "$31$"))).isTrue();
        assertThat(BcryptUsers.isBcryptHash(hash.replace("$10$", "$03$"))).isFalse();
        assertThat(BcryptUsers.isBcryptHash(hash.replace("$10$", "$32$"))).isFalse();
        assertThat(BcryptUsers.isBcryptHash(hash.replace("$10$", "$99$"))).isFalse();
    }
}
