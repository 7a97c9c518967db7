package io.haetae.engine.advisory;

/** An OSV range event. Exactly one kind per event, as the OSV schema says. */
public sealed interface RangeEvent {

  String version();

  /** {@code introduced}: "0" means every version from the beginning. */
  record Introduced(String version) implements RangeEvent {}

  /** {@code fixed}: the first version no longer affected. */
  record Fixed(String version) implements RangeEvent {}

  /** {@code last_affected}: the last version still affected. */
  record LastAffected(String version) implements RangeEvent {}

  /** {@code limit}: an upper bound beyond which the range says nothing. */
  record Limit(String version) implements RangeEvent {}
}
