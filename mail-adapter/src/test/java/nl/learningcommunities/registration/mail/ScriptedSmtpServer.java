package nl.learningcommunities.registration.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal SMTP server on the loopback address that answers {@code RCPT TO} as a test tells it to (for example
 * {@code 451} or {@code 550}), which GreenMail cannot. Accepted messages are counted, not kept.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicReference<String> recipientAnswer = new AtomicReference<>("250 2.1.5 ok");
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private final Thread acceptor;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void answerRecipientsWith(String answer) {
        recipientAnswer.set(answer);
    }

    int accepted() {
        return accepted.get();
    }

    /** @return how many connections clients opened */
    int connections() {
        return connections.get();
    }

    /** Hangs up on the client it is talking to, as a server does with a connection idle too long. */
    void hangUp() throws IOException {
        Socket client = current.getAndSet(null);
        if (client != null) {
            client.close();
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                current.set(client);
                converse(client);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void converse(Socket client) throws IOException {
        client.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        reply(out, "220 scripted ESMTP");
        boolean recipientAccepted = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 scripted");
                case "MAIL" -> {
                    recipientAccepted = false;
                    reply(out, "250 2.1.0 ok");
                }
                case "RCPT" -> {
                    String answer = recipientAnswer.get();
                    recipientAccepted = answer.startsWith("2");
                    reply(out, answer);
                }
                case "DATA" -> {
                    if (!recipientAccepted) {
                        reply(out, "503 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        // the message is read and dropped
                    }
                    accepted.incrementAndGet();
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
