package nl.learningcommunities.registration.notification;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The outbox's backlog as a value: its counts, and how long its oldest message has waited. */
class OutboxBacklogTest {

    @Test
    void the_oldest_pending_message_has_waited_since_it_was_queued() {
        OutboxBacklog backlog = new OutboxBacklog(3, 1, Optional.of(NOW));

        assertThat(backlog.oldestPendingAge(NOW.plus(Duration.ofMinutes(7)).plusMillis(250)))
                .contains(Duration.ofMinutes(7).plusMillis(250));
        assertThat(backlog.oldestPendingAge(NOW)).contains(Duration.ZERO);
    }

    @Test
    void a_message_queued_after_now_by_a_clock_ahead_of_ours_has_waited_no_time_not_a_negative_one() {
        OutboxBacklog backlog = new OutboxBacklog(1, 0, Optional.of(NOW.plusSeconds(2)));

        assertThat(backlog.oldestPendingAge(NOW)).contains(Duration.ZERO);
    }

    @Test
    void with_nothing_pending_there_is_no_age_however_many_failed() {
        assertThat(new OutboxBacklog(0, 12, Optional.empty()).oldestPendingAge(NOW)).isEmpty();
        assertThat(OutboxBacklog.empty().oldestPendingAge(Instant.MAX)).isEmpty();
    }

    @Test
    void the_empty_backlog_has_nothing_pending_nothing_failed_and_no_oldest_message() {
        OutboxBacklog empty = OutboxBacklog.empty();

        assertThat(empty.pending()).isZero();
        assertThat(empty.failed()).isZero();
        assertThat(empty.oldestPendingSince()).isEmpty();
        assertThat(empty).isEqualTo(new OutboxBacklog(0, 0, Optional.empty()));
    }

    @Test
    void negative_counts_are_refused() {
        assertThatThrownBy(() -> new OutboxBacklog(-1, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new OutboxBacklog(0, -1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void an_oldest_message_without_any_pending_one_is_refused() {
        assertThatThrownBy(() -> new OutboxBacklog(0, 3, Optional.of(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no oldest");
    }

    @Test
    void absent_values_are_refused_by_name() {
        assertThatThrownBy(() -> new OutboxBacklog(1, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("oldestPendingSince");
        assertThatThrownBy(() -> new OutboxBacklog(1, 0, Optional.of(NOW)).oldestPendingAge(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("now");
    }
}
