package dev.ciclo.api;

/**
 * A failure the caller did not cause: a corrupt file, a failed backend, a model whose content
 * hash does not match. The message names the path or id involved and the cause is attached.
 *
 * <p>A caller's bad value is reported with {@link IllegalArgumentException} instead, a missing
 * value with {@link NullPointerException}, and a call in the wrong state with
 * {@link IllegalStateException}.
 */
public class CicloException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and no cause.
   *
   * @param message what failed, naming the path or id involved
   */
  public CicloException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause that led to it.
   *
   * @param message what failed, naming the path or id involved
   * @param cause the underlying failure, may be {@code null} when there is none
   */
  public CicloException(String message, Throwable cause) {
    super(message, cause);
  }
}
