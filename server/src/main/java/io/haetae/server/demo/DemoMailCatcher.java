package io.haetae.server.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo has no mail server, so invitations and alert digests had nowhere to go: it runs an
 * SMTP server in the JVM (GreenMail, on a free port of 127.0.0.1) and sends all mail there;
 * operators read it at {@code /demo/mail}. Only with {@code haetae.demo=true}: a real hub sends
 * through {@code spring.mail.*}.
 */
@Configuration
@ConditionalOnProperty(name = "haetae.demo", havingValue = "true")
class DemoMailCatcher {

  private static final Logger log = LoggerFactory.getLogger(DemoMailCatcher.class);

  @Bean(destroyMethod = "stop")
  GreenMail demoMailServer() {
    var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    log.atInfo().addKeyValue("port", server.getSmtp().getPort()).log("demo mail catcher started; read it at /demo/mail");
    return server;
  }

  @Bean
  JavaMailSender mailSender(GreenMail demoMailServer) {
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(demoMailServer.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }
}
