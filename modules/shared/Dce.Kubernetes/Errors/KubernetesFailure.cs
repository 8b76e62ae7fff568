namespace Dce.Kubernetes.Errors;

/// <summary>A failed cluster operation as an HTTP status code and the message to show.</summary>
public sealed record KubernetesFailure(int StatusCode, string Message);
