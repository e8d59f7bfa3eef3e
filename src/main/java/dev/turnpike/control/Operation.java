package dev.turnpike.control;

/** One control-plane operation (e.g. {@code CreateRestApi}). Runs on the control-plane executor. */
@FunctionalInterface
public interface Operation {
  ControlResponse handle(ApiCall call);
}
