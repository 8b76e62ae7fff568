namespace Dce.ServiceDefaults.Api;

/// <summary>
/// A dependency the request needs (Redis, Global Management) cannot answer right now; the caller gets 503 with
/// <c>Retry-After</c> instead of a 500 or a wrong decision.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names the dependency and is shown to the caller.</summary>
    public DependencyUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public DependencyUnavailableException() : base("A dependency of the service is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DependencyUnavailableException(string message) : base(message)
    {
    }
}
