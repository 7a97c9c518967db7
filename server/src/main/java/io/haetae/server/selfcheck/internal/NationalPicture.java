package io.haetae.server.selfcheck.internal;

import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Role;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What self-checks say in aggregate, never one business's answers: the number of checks, the
 * score distribution by size class and sector, the questions most often counted as no, and the
 * packages most often found vulnerable. The national operator sees every check; a sector
 * operator (a ministry) the checks that named one of its sectors.
 */
@Component
public class NationalPicture {

  static final int TOP = 10;

  private final SelfCheckRepository repository;
  private final SelfChecks checks;

  NationalPicture(SelfCheckRepository repository, SelfChecks checks) {
    this.repository = repository;
    this.checks = checks;
  }

  public record Gap(String question, String function, String text, String csf, long checks) {}

  public record Picture(long checks, List<SelfCheckRepository.Distribution> distribution, List<Gap> gaps,
      List<SelfCheckRepository.Count> packages, List<String> sectors) {}

  Picture of(Caller caller, Locale locale) {
    caller.require(Capability.OVERSEE);
    List<String> sectors = caller.role() == Role.OPERATOR ? null : List.copyOf(caller.sectors());
    var distribution = repository.distribution(sectors);
    var q = checks.questionnaire();
    var gaps = repository.gaps(sectors, TOP).stream().map(c -> q.question(c.key())
        .map(question -> new Gap(c.key(), question.function(), question.text().in(locale), question.csf(), c.count()))
        .orElse(new Gap(c.key(), "", c.key(), "", c.count()))).toList();
    long total = distribution.stream().mapToLong(SelfCheckRepository.Distribution::checks).sum();
    return new Picture(total, distribution, gaps, repository.packages(sectors, TOP), sectors);
  }
}
