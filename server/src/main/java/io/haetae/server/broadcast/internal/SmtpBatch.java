package io.haetae.server.broadcast.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.SocketFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of messages over one SMTP connection and says, per message, whether it went,
 * failed for good (the server refused the address) or should be tried again.
 *
 * <p>Uses the hub's mail settings ({@code spring.mail.*}) with one change: the socket has
 * TCP_NODELAY. Without it, the last small segment of each message (the closing dot) waits for
 * the server's delayed ACK, about 40 ms on Linux, which limits one connection to ~25 messages/s.
 */
@Component
class SmtpBatch {

  sealed interface Outcome {
    record Sent() implements Outcome {}
    record Refused(String reason) implements Outcome {}
    record Later(String reason) implements Outcome {}
  }

  private final JavaMailSender mail;
  private volatile Session session;

  SmtpBatch(JavaMailSender mail) {
    this.mail = mail;
  }

  Session session() {
    Session s = session;
    if (s != null) return s;
    if (!(mail instanceof JavaMailSenderImpl impl)) return session = Session.getInstance(new Properties());
    var props = new Properties();
    props.putAll(impl.getSession().getProperties());
    String protocol = impl.getProtocol() == null ? "smtp" : impl.getProtocol();
    if (!Boolean.parseBoolean(props.getProperty("mail." + protocol + ".ssl.enable", "false"))
        && props.get("mail." + protocol + ".socketFactory") == null) {
      props.put("mail." + protocol + ".socketFactory", new NoDelaySockets());
    }
    session = Session.getInstance(props);
    return session;
  }

  /** Sends each message; the outcome of every one is in the map. */
  Map<MimeMessage, Outcome> send(List<MimeMessage> messages) {
    var outcomes = new IdentityHashMap<MimeMessage, Outcome>();
    if (messages.isEmpty()) return outcomes;
    if (!(mail instanceof JavaMailSenderImpl impl)) return sendThroughSpring(messages);
    Transport transport = null;
    try {
      for (MimeMessage m : messages) {
        try {
          if (transport == null || !transport.isConnected()) {
            if (transport != null) closeQuietly(transport);
            transport = session().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
            transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
          }
          m.saveChanges();
          transport.sendMessage(m, m.getAllRecipients());
          outcomes.put(m, new Outcome.Sent());
        } catch (SendFailedException e) {
          boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
          outcomes.put(m, refused ? new Outcome.Refused(e.getMessage()) : new Outcome.Later(e.getMessage()));
        } catch (MessagingException e) {
          // The connection or the server failed: this and the rest are tried again later.
          outcomes.put(m, new Outcome.Later(e.getMessage()));
          for (MimeMessage rest : messages) outcomes.putIfAbsent(rest, new Outcome.Later(e.getMessage()));
          break;
        }
      }
    } finally {
      if (transport != null) closeQuietly(transport);
    }
    return outcomes;
  }

  private Map<MimeMessage, Outcome> sendThroughSpring(List<MimeMessage> messages) {
    var outcomes = new IdentityHashMap<MimeMessage, Outcome>();
    Map<Object, Exception> failed = Map.of();
    try {
      mail.send(messages.toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      failed = e.getFailedMessages();
    } catch (MailException e) {
      for (MimeMessage m : messages) outcomes.put(m, new Outcome.Later(e.getMessage()));
      return outcomes;
    }
    for (MimeMessage m : messages) {
      Exception e = failed.get(m);
      outcomes.put(m, e == null ? new Outcome.Sent()
          : e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0
              ? new Outcome.Refused(e.getMessage()) : new Outcome.Later(e.getMessage()));
    }
    return outcomes;
  }

  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // QUIT failed: the messages were accepted before; nothing to undo
    }
  }

  /** Plain sockets with Nagle's algorithm off. */
  static final class NoDelaySockets extends SocketFactory {

    private static Socket noDelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return noDelay(new Socket(address, port, localAddress, localPort));
    }
  }
}
