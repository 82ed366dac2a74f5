package dev.ciclo.serve;

/**
 * A mistake of the client: answered with {@link #status} and a JSON error naming what was wrong.
 * Carries no stack trace; it is a control-flow signal inside the server.
 */
final class ClientError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;

  ClientError(int status, String message) {
    super(message, null, false, false);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("status must be a 4xx code but was " + status);
    }
    this.status = status;
  }

  static ClientError badRequest(String message) {
    return new ClientError(400, message);
  }

  static ClientError notFound(String message) {
    return new ClientError(404, message);
  }
}
