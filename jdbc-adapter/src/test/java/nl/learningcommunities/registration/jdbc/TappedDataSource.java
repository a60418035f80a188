package nl.learningcommunities.registration.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A data source whose connections, and the statements they prepare, tell a tap about every call before making
 * it: the tap may wait, throw as a failing connection would, or change the call's arguments.
 */
final class TappedDataSource {

    private TappedDataSource() {
    }

    /** One call on a connection or on a statement it prepared. */
    static final class Call {
        final String method;
        /** The statement's SQL, for a statement call or {@code prepareStatement}; else null. */
        final String sql;
        final Object[] args;
        /** The pool's connection behind the tapped one. */
        final Connection connection;
        /** What the connection did in its current transaction; begins afresh after a commit or rollback. */
        final Transaction transaction;

        Call(String method, String sql, Object[] args, Connection connection, Transaction transaction) {
            this.method = method;
            this.sql = sql;
            this.args = args;
            this.connection = connection;
            this.transaction = transaction;
        }

        boolean is(String method, String sqlPart) {
            return this.method.equals(method) && sql != null && sql.contains(sqlPart);
        }
    }

    /** What one connection did in its current transaction. */
    static final class Transaction {
        /** Whether it sent a JDBC batch of more than one registration. */
        volatile boolean sentRegistrationBatch;
    }

    /** Sees a call before it is made. */
    interface Tap {
        void before(Call call) throws SQLException;
    }

    /**
     * A gate that holds the statements it picks — by default every statement on an event's ledger — until it
     * opens, counting who waits at it. Closed when made.
     */
    static final class Gate implements Tap {
        private final java.util.function.Predicate<Call> holds;
        private final CountDownLatch open = new CountDownLatch(1);
        private final AtomicInteger waiting = new AtomicInteger();

        Gate(String ledgerTable) {
            this(sql -> sql.contains(ledgerTable));
        }

        /** @param picks which statements, by their SQL, wait at the gate when prepared */
        Gate(java.util.function.Predicate<String> picks) {
            this.holds = call -> call.method.equals("prepareStatement") && call.sql != null && picks.test(call.sql);
        }

        /** @param byCall unused: tells this constructor from the one by SQL, whose erasure is the same */
        private Gate(java.util.function.Predicate<Call> holds, Void byCall) {
            this.holds = holds;
        }

        /** @return a gate that holds every commit until it opens */
        static Gate atCommit() {
            return new Gate(call -> call.method.equals("commit"), null);
        }

        @Override
        public void before(Call call) throws SQLException {
            if (open.getCount() == 0 || !holds.test(call)) {
                return;
            }
            waiting.incrementAndGet();
            try {
                if (!open.await(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SQLException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the gate", e);
            }
        }

        /** @return how many calls were held at the gate */
        int waiting() {
            return waiting.get();
        }

        void open() {
            open.countDown();
        }
    }

    /** @return the pool, its connections and statements tapped */
    static DataSource tapped(DataSource pool, Tap tap) {
        return (DataSource) Proxy.newProxyInstance(TappedDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    return result instanceof Connection connection ? connection(connection, tap) : result;
                });
    }

    private static Connection connection(Connection connection, Tap tap) {
        Transaction[] transaction = {new Transaction()};
        return (Connection) Proxy.newProxyInstance(TappedDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String sql = method.getName().equals("prepareStatement") ? (String) args[0] : null;
                    tap.before(new Call(method.getName(), sql, args, connection, transaction[0]));
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                        transaction[0] = new Transaction();
                    }
                    return result instanceof PreparedStatement statement
                            ? statement(statement, (String) args[0], connection, transaction[0], tap) : result;
                });
    }

    private static PreparedStatement statement(PreparedStatement statement, String sql, Connection connection,
                                               Transaction transaction, Tap tap) {
        int[] added = {0};
        return (PreparedStatement) Proxy.newProxyInstance(TappedDataSource.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addBatch")) {
                        added[0]++;
                    }
                    if (method.getName().equals("executeBatch") && added[0] > 1
                            && sql.startsWith("INSERT INTO ") && sql.contains("registrations (")) {
                        transaction.sentRegistrationBatch = true;
                    }
                    tap.before(new Call(method.getName(), sql, args, connection, transaction));
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
