namespace Dce.Gateway.Balancing;

/// <summary>
/// Whether a request that may already have taken effect can be sent again: its method is idempotent, or it carries an
/// <c>Idempotency-Key</c> the modules deduplicate on (the header is forwarded untouched).
/// </summary>
internal static class Repeatable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static bool IsSafe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        || HttpMethods.IsHead(request.Method)
        || HttpMethods.IsOptions(request.Method)
        || HttpMethods.IsPut(request.Method)
        || HttpMethods.IsDelete(request.Method)
        || request.Headers.ContainsKey(IdempotencyKeyHeader);
}
