using System.Text.Json;

namespace Dce.ClusterSearch.Sync;

/// <summary>The kind of failure a sync shows in its status, so an operator tells an unreachable cluster from one that answers nonsense.</summary>
internal static class SyncFailure
{
    public const string Unreachable = "Unreachable";
    public const string ClusterError = "ClusterError";
    public const string Timeout = "Timeout";
    public const string ConnectionLost = "ConnectionLost";
    public const string MalformedResponse = "MalformedResponse";
    public const string EventTooLarge = "EventTooLarge";
    public const string Unexpected = "Unexpected";

    /// <summary>The cluster's kubeconfig cannot be unsealed or is refused: nothing is synced until it changes.</summary>
    public const string KubeconfigRefused = "KubeconfigRefused";

    public static string CategoryOf(Exception error) => error switch
    {
        WatchEventTooLargeException => EventTooLarge,
        HttpRequestException { StatusCode: not null } => ClusterError,
        HttpRequestException => Unreachable,
        TaskCanceledException or TimeoutException => Timeout,
        JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException => MalformedResponse,
        IOException => ConnectionLost,
        _ => Unexpected,
    };
}
