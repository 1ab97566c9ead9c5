package io.github.pcrupgrade.testkit.sql;

/**
 * What one endpoint of the wire front holds and has refused, at one moment ({@link
 * SimulatedPcrServer#nodeStats(String, int)}):
 * the server's own accounting, independent of the JVM's heap, for tests and diagnostics.
 *
 * @param openConnections connections being served now, those still in startup included
 * @param refusedConnections connections refused so far because {@link
 *     WireLimits#maxConnections()} were open ({@code 53300})
 * @param bufferedBytes bytes held now in the buffers of incoming messages, all connections
 *     together (at most {@link WireLimits#messageBufferBound()})
 * @param peakBufferedBytes the largest {@code bufferedBytes} seen since the server was built
 * @param partialMessages connections waiting now for the rest of a message whose length they
 *     declared
 * @param timedOutConnections connections closed so far by the startup or the idle timeout
 * @param failedConnections connections ended so far by an unexpected failure of their handler (a
 *     bug of the wire front; always 0 when it behaves)
 */
public record WireStats(int openConnections, long refusedConnections, long bufferedBytes,
    long peakBufferedBytes, int partialMessages, long timedOutConnections,
    long failedConnections) {}
