package nl.learningcommunities.registration.jdbc;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.zaxxer.hikari.HikariDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;

/**
 * Application nodes on one database for the batching tests, each a {@link JdbcStorage} on a pool of its own whose
 * statements on the event's ledger wait at a gate; and the rush: {@value #THREADS} registrants at once, spread
 * over the nodes, let through once every one of them is held at a gate or queued behind a registrant who is. Each
 * node then runs the same batch on every run: the registrant at its gate, who takes in everyone who queued behind
 * it once its claim has the ledger row.
 */
final class GatedNodes {

    static final int THREADS = 64;

    /** A node: its store with its lanes, an engine on it, and the gate before its ledger. */
    record Node(JdbcStorage storage, RegistrationEngine engine, TappedDataSource.Gate gate) {
        /** @return what the node's lanes ran */
        AdmissionQueue.Stats batches() {
            return storage.admissionBatches().orElseThrow();
        }
    }

    private final TestDatabase database;
    private final String prefix;
    private final String history;
    private final EventCatalogue catalogue;
    private final Clock clock;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final HikariDataSource firstPool;
    private final JdbcStorage storage;

    /** Makes the tables under the prefix, with an ungated store on them. */
    GatedNodes(TestDatabase database, String prefix, EventCatalogue catalogue, Clock clock) {
        this.database = database;
        this.prefix = prefix;
        this.history = prefix + "history";
        this.catalogue = catalogue;
        this.clock = clock;
        this.firstPool = pool("setup", 8);
        this.storage = JdbcStorage.builder(firstPool).tablePrefix(prefix).historyTable(history).build();
        storage.migrate();
    }

    /** @return the store without a gate, batching by default, on which the tests set up and read */
    JdbcStorage storage() {
        return storage;
    }

    /** Drops the tables and closes every pool. */
    void close() throws SQLException {
        try {
            TestDatabase.dropTables(firstPool, prefix, history);
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * Registers {@value #THREADS} registrants at once, registrant {@code t} on node {@code t % nodes}. The nodes'
     * gates open once every registrant is held at one or queued behind one.
     *
     * @return the outcomes, registrant {@code t}'s at index {@code t}
     */
    List<RegistrationOutcome> rush(Event event, IntFunction<RegisterCommand> registrant, Node... nodes) {
        return rush(event, registrant, () -> { }, () -> { }, nodes);
    }

    /**
     * A rush that runs something while everyone waits at the gates, and something as they open.
     *
     * @return the outcomes, registrant {@code t}'s at index {@code t}
     */
    List<RegistrationOutcome> rush(Event event, IntFunction<RegisterCommand> registrant, Runnable beforeOpening,
                                   Runnable afterOpening, Node... nodes) {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RegistrationOutcome>> registrants = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                RegistrationEngine node = nodes[t % nodes.length].engine();
                RegisterCommand command = registrant.apply(t);
                registrants.add(threads.submit(() -> {
                    start.await();
                    return node.registrations().register(command);
                }));
            }
            start.countDown();
            for (Node node : nodes) {
                await().atMost(Duration.ofMinutes(1)).until(() -> node.gate().waiting()
                        + node.storage().admissionsWaiting(event.id()) == THREADS / nodes.length);
            }
            beforeOpening.run();
            for (Node node : nodes) {
                node.gate().open();
            }
            afterOpening.run();
            List<RegistrationOutcome> outcomes = new ArrayList<>();
            for (Future<RegistrationOutcome> future : registrants) {
                outcomes.add(future.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        } catch (Exception e) {
            throw new AssertionError("the rush did not finish", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** @return a node that batches up to 64 admissions, with a gate and no faults */
    Node node(String name) {
        return node(name, 64, call -> { });
    }

    /** @return a node with a gate before its ledger, and the faults the tap adds after it */
    Node node(String name, int batchSize, TappedDataSource.Tap faults) {
        TappedDataSource.Gate gate = new TappedDataSource.Gate(prefix + "seat_ledger");
        JdbcStorage node = JdbcStorage.builder(TappedDataSource.tapped(pool(name, THREADS / 2 + 4), call -> {
            gate.before(call);
            faults.before(call);
        })).tablePrefix(prefix).historyTable(history).admissionBatchSize(batchSize).build();
        return new Node(node, engineOn(node), gate);
    }

    /** A pool of its own; small enough that the pools of a test stay within PostgreSQL's 100 connections. */
    private HikariDataSource pool(String name, int size) {
        HikariDataSource pool = database.pool(size, name);
        pools.add(pool);
        return pool;
    }

    RegistrationEngine engineOn(JdbcStorage on) {
        return RegistrationEngine.builder().eventCatalogue(catalogue).registrationStore(on).notificationOutbox(on)
                .clock(clock).build();
    }
}
