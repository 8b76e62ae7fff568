using System.Net;

namespace Dce.Multicloud.Propagation.Api;

/// <summary>An API server's refusal, with its status code and the message of its Status object.</summary>
public sealed class KubeApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    public bool IsConflict => Status == HttpStatusCode.Conflict;

    public bool IsAlreadyExists => Status == HttpStatusCode.Conflict && Message.Contains("already exists", StringComparison.Ordinal);

    public bool IsGone => Status == HttpStatusCode.Gone;
}
