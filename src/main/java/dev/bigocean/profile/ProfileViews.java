package dev.bigocean.profile;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.bigocean.platform.OutageLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Counts public profile views in memory and adds them to {@code public_profile.view_count} in one statement every few
 * seconds (and at shutdown), so that a view costs the database a read and no write on a hot row. A crashed instance
 * loses at most the views of its last interval.
 */
@ApplicationScoped
class ProfileViews {

    private static final Logger LOG = Logger.getLogger(ProfileViews.class);

    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    /** A database away for a while is one WARN, not one every interval. */
    private final OutageLog outage = new OutageLog(LOG, "Profile view counts are stored again");
    private final ProfileRepository profiles;

    ProfileViews(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    void count(UUID profileId) {
        pending.merge(profileId, 1L, Long::sum);
    }

    /** Writes the views counted so far; a failed write puts them back for the next flush. */
    @Scheduled(every = "${bigocean.profile.view-flush-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = pending.keySet().toArray(UUID[]::new);
        Long[] counts = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            counts[i] = pending.remove(ids[i]); // atomic: a view counted after this lands in the next flush
        }
        return profiles.addViews(ids, counts).invoke(outage::succeeded).onFailure().invoke(e -> {
            outage.failed("Could not store " + ids.length + " profile view count(s), kept for the next flush", e.toString(),
                    "a flush succeeds");
            for (int i = 0; i < ids.length; i++) {
                pending.merge(ids[i], counts[i], Long::sum);
            }
        }).onFailure().recoverWithNull();
    }

    /** At shutdown, before the pool closes (a bean's own destruction would come after it). */
    void stop(@Observes ShutdownEvent event) {
        if (!pending.isEmpty()) {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        }
    }
}
