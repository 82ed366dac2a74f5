package dev.ciclo.serve;

/**
 * A mistake of the client: answered with {@link #status} and a JSON error naming what was wrong.
 * Carries no stack trace; it is a control-flow signal inside the server.
 */
final class ClientError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  /** For a 405: the methods the resource allows (the answer's {@code Allow} header). */
  final String allow;

  ClientError(int status, String message) {
    this(status, message, null);
  }

  private ClientError(int status, String message, String allow) {
    super(message, null, false, false);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("status must be a 4xx code but was " + status);
    }
    this.status = status;
    this.allow = allow;
  }

  /** A 405 that names, in its message and its {@code Allow} header, the method to use. */
  static ClientError methodNotAllowed(String method, String allowed) {
    return new ClientError(405, "method " + method + " is not allowed here; use " + allowed,
        allowed);
  }

  static ClientError badRequest(String message) {
    return new ClientError(400, message);
  }

  static ClientError notFound(String message) {
    return new ClientError(404, message);
  }
}
