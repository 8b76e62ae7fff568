namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// The outcome of applying a manifest: on success every object applied; on failure none (what had been applied was
/// undone) and the status code and message of the failure, the cluster's own when it refused.
/// </summary>
public sealed record ManifestApplyResult(bool Succeeded, int StatusCode, string Message, IReadOnlyList<ManifestObject> Applied)
{
    public static ManifestApplyResult Failure(int statusCode, string message) => new(false, statusCode, message, []);
}
