namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// A write that carried an <c>Idempotency-Key</c>: inserted in the same transaction as the write's effect, then given
/// the response once the handler answered. A row without a response is a write whose effect committed but whose answer
/// was never kept.
/// </summary>
public sealed class IdempotentRequest
{
    public required string Subject { get; init; }

    /// <summary>The method and the endpoint's route pattern, e.g. <c>POST /apis/ghippo.io/v1alpha1/workspaces</c>.</summary>
    public required string Route { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 (hex) of the method, path, query and body.</summary>
    public required string RequestHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int? ResponseStatus { get; set; }

    public string? ResponseContentType { get; set; }

    public string? ResponseLocation { get; set; }

    public byte[]? ResponseBody { get; set; }
}
