package dev.bigocean.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.bigocean.limits.RedisGuard.Fallback;

/** Error replies as Redis 6.2 and 7.0 word them (copied from redis-cli), and the code each one is decided by. */
class RedisGuardTest {

    @Test
    void aRedis6ScriptErrorIsDecidedByTheErrorItQuotes() {
        assertEquals("OOM", RedisGuard.errorCode(
                "ERR Error running script (call to f_1cc7bb980945184ff2601fe3900169c42a0f8296):"
                + " @user_script:4: @user_script: 4: -OOM command not allowed when used memory > 'maxmemory'."));
        assertEquals("READONLY", RedisGuard.errorCode(
                "ERR Error running script (call to f_1cc7bb980945184ff2601fe3900169c42a0f8296):"
                + " @user_script:4: @user_script: 4: -READONLY You can't write against a read only replica."));
        assertEquals("ERR", RedisGuard.errorCode(
                "ERR Error running script (call to f_74a17b0bf724e627271772c6550c1601e19798d7):"
                + " @user_script:1: ERR value is not an integer or out of range"));
        assertEquals("WRONGTYPE", RedisGuard.errorCode(
                "ERR Error running script (call to f_3ed711dd85b2a69a4da9918b229434e828a32806):"
                + " @user_script:1: WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void aCommandWithNoReplyInTimeIsAnOutageOnlyWhenNothingElseExplainsIt() {
        long second = 1_000_000_000L;
        assertEquals(Fallback.UNAVAILABLE, RedisGuard.cause(false, 15, 16, second / 2 - 1, second));
        assertEquals(Fallback.SLOW, RedisGuard.cause(true, 40, 16, second, second), "another command answered in time");
        assertEquals(Fallback.OVERLOADED, RedisGuard.cause(false, 16, 16, second, second), "queued for a connection");
        assertEquals(Fallback.BEHIND, RedisGuard.cause(false, 15, 16, second / 2, second), "the loops behind for half of it");
        assertEquals(Fallback.UNAVAILABLE, RedisGuard.cause(false, 0, 16, 0, second));
    }

    @Test
    void aScriptsOwnFaultIsARejection() {
        assertEquals("ERR", RedisGuard.errorCode(
                "ERR Error running script (call to f_19965f96bed2e953a3424cfa591695dc2a3e81db):"
                + " @user_script:1: @user_script: 1: Unknown Redis command called from Lua script"));
        assertEquals("ERR", RedisGuard.errorCode(
                "ERR Error running script (call to f_9851144f39f03a0d597a980c5aa79c80cb696891):"
                + " @user_script:1: user_script:1: x"));
        assertEquals("ERR", RedisGuard.errorCode("ERR wrong number of arguments for 'eval' command"));
    }

    @Test
    void aRedis7ErrorIsDecidedByItsFirstWord() {
        assertEquals("OOM", RedisGuard.errorCode("OOM command not allowed when used memory > 'maxmemory'. script:"
                + " 9a49823dd049ad0c3a4c9f76b7d29ef3b04d1eab, on @user_script:4."));
        assertEquals("LOADING", RedisGuard.errorCode("LOADING Redis is loading the dataset in memory"));
        assertEquals("NOSCRIPT", RedisGuard.errorCode("NOSCRIPT"));
    }

    @Test
    void aWrongCommandOrKeyRefusesTheCallAndTheRestIsAnOutage() {
        assertTrue(RedisGuard.rejects("ERR wrong number of arguments for 'eval' command"));
        assertTrue(RedisGuard.rejects("WRONGTYPE Operation against a key holding the wrong kind of value script:"
                + " 3ed711dd85b2a69a4da9918b229434e828a32806, on @user_script:1."));
        assertTrue(RedisGuard.rejects("ERR Error running script (call to f_3ed711dd85b2a69a4da9918b229434e828a32806):"
                + " @user_script:1: WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertFalse(RedisGuard.rejects("ERR Error running script (call to f_1cc7bb980945184ff2601fe3900169c42a0f8296):"
                + " @user_script:4: @user_script: 4: -OOM command not allowed when used memory > 'maxmemory'."));
        assertFalse(RedisGuard.rejects("OOM command not allowed when used memory > 'maxmemory'. script:"
                + " 9a49823dd049ad0c3a4c9f76b7d29ef3b04d1eab, on @user_script:4."));
        assertFalse(RedisGuard.rejects("LOADING Redis is loading the dataset in memory"));
    }
}
