namespace Dce.ServiceDefaults.Api;

/// <summary>How large a request body a service reads (<c>Dce:RequestBody</c>); an endpoint may set its own with <c>[RequestSizeLimit]</c>.</summary>
public sealed class RequestBodyLimitOptions
{
    public const string Section = "Dce:RequestBody";

    /// <summary>The largest body, in bytes, of an endpoint that sets no limit of its own.</summary>
    public long MaxBytes { get; set; } = 1024 * 1024;
}
