package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.StorageException;

/**
 * Runs units of work in READ COMMITTED transactions on the host's data source, one connection each, returned
 * before anything else is waited on. Deadlocks, serialization failures and lock time-outs are retried a bounded
 * number of times, and so (twice) is a transaction whose connection died before its commit: nothing of it was
 * written. Every other failure rolls back and surfaces as a {@link StorageException}; a failure of the commit
 * itself surfaces as one whose {@link StorageException#mayHaveBeenWritten()} is true.
 */
final class Transactor {

    private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

    /** A unit of work; {@code commit} tells whether to commit (true) or roll back (false) what it did. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;

        default boolean commit(T result) {
            return true;
        }
    }

    /** How often a transaction whose connection died before its commit is tried again on another one. */
    private static final int CONNECTION_RETRIES = 2;

    private final DataSource dataSource;
    private final int attempts;

    Transactor(DataSource dataSource, int attempts) {
        this.dataSource = dataSource;
        this.attempts = attempts;
    }

    <T> T inTransaction(String what, Work<T> work) {
        SQLException last = null;
        int connectionRetries = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return once(work);
            } catch (CommitFailed e) {
                throw new StorageException(what + " failed while committing, so it may or may not have been"
                        + " written: " + describe(e.cause), e.cause, true);
            } catch (SQLException e) {
                last = e;
                boolean noConnection = e instanceof NoConnection;
                boolean deadConnection = !noConnection && connectionLost(e) && connectionRetries < CONNECTION_RETRIES;
                if (!((!noConnection && retryable(e)) || deadConnection) || attempt == attempts) {
                    break;
                }
                if (deadConnection) {
                    // It failed before the commit, so nothing was written: the pool hands out another connection.
                    connectionRetries++;
                }
                LOG.debug("{}: retrying after {} (attempt {})", what, e.getSQLState(), attempt);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 2L + 2L * attempt) * 1_000_000L);
            }
        }
        SQLException cause = last instanceof NoConnection ? (SQLException) last.getCause() : last;
        throw new StorageException(what + " failed: " + describe(cause), cause);
    }

    /** No connection could be had: the pool waited its time-out already, so this is not tried again. */
    private static final class NoConnection extends SQLException {
        private static final long serialVersionUID = 1L;

        NoConnection(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    /** The commit itself failed: its reply was lost, so whether it took effect is unknown. */
    private static final class CommitFailed extends SQLException {
        private static final long serialVersionUID = 1L;
        private final transient SQLException cause;

        CommitFailed(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.cause = cause;
        }
    }

    /** @return whether the connection was lost (the server went away, the socket closed) */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private <T> T once(Work<T> work) throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new NoConnection(e);
        }
        boolean autoCommit = true;
        int isolation = Connection.TRANSACTION_READ_COMMITTED;
        boolean ended = false;
        try {
            autoCommit = connection.getAutoCommit();
            isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            T result = work.run(connection);
            if (work.commit(result)) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new CommitFailed(e);
                }
            } else {
                connection.rollback();
            }
            ended = true;
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            if (!ended && !(e instanceof CommitFailed)) {
                rollbackQuietly(connection, e);
            }
            throw e;
        } finally {
            // Once the transaction ended, a connection that fails to reset or close changes nothing of it: it must
            // not make the caller run committed work again.
            restore(connection, autoCommit, isolation);
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("could not return a connection to the pool", e);
        }
    }

    /**
     * @return whether the database refused a row because a unique key already holds its value; a JDBC batch's
     *         failure counts when any of the exceptions it chains (causes and next exceptions) is such a refusal
     */
    static boolean duplicate(SQLException e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                if ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062
                        || sql instanceof java.sql.SQLIntegrityConstraintViolationException) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    todo.push(sql.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return false;
    }

    /**
     * @return whether the transaction may succeed when run again: a deadlock, a serialization failure or a lock
     *         time-out, by SQL state or by the vendor's code, or any refusal the driver calls transient (JDBC's
     *         {@link SQLTransientException}, such as H2's "concurrent update" of a row another transaction changed),
     *         except a connection that could not be had, which the pool already waited for, and a statement that
     *         timed out or was cancelled (a lock time-out is retried by its code)
     */
    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException && !(t instanceof SQLTransientConnectionException)
                    && !(t instanceof SQLTimeoutException)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                int code = sql.getErrorCode();
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")
                        || code == 1213 || code == 1205 || code == 50200 || code == 40001) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(SQLException e) {
        if (e == null) {
            return "no attempt was made";
        }
        boolean connection = e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        return (connection ? "the database cannot be reached" : "SQL state " + e.getSQLState()) + ": " + e.getMessage();
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            if (!connection.isClosed()) {
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.debug("could not restore connection settings", e);
        }
    }
}
