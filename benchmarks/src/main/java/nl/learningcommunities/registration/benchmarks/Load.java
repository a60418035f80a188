package nl.learningcommunities.registration.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives {@code registrants} requests through {@code clients} threads and measures each. */
final class Load {

    /** What one request did. */
    enum Kind { CONFIRMED, WAITLISTED, REFUSED }

    /** A registration request: participant number in, what happened out. */
    @FunctionalInterface
    interface Request {
        Kind register(int participant) throws Exception;
    }

    record Result(int accepted, int errors, double throughput, double p50Millis, double p99Millis) {
    }

    static Result run(int clients, int registrants, Request request) throws InterruptedException {
        long[] latencies = new long[registrants];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            workers.add(threads.submit(() -> {
                start.await();
                for (int n = next.getAndIncrement(); n < registrants; n = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    try {
                        if (request.register(n) != Kind.REFUSED) {
                            accepted.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) {
                            System.err.println("first failed request:");
                            e.printStackTrace();
                        }
                    }
                    latencies[n] = System.nanoTime() - began;
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> worker : workers) {
            try {
                worker.get(30, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("a client failed", e);
            }
        }
        long elapsed = System.nanoTime() - began;
        threads.shutdown();
        Arrays.sort(latencies);
        return new Result(accepted.get(), errors.get(), registrants / (elapsed / 1e9),
                latencies[registrants / 2] / 1e6, latencies[Math.min(registrants - 1, (int) (registrants * 0.99))] / 1e6);
    }

    private Load() {
    }
}
