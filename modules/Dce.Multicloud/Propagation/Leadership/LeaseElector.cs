using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Leadership;

/// <summary>
/// Leader election through a <c>coordination.k8s.io/v1</c> Lease, as Karmada's controller-manager does: the holder
/// renews it every few seconds; another replica takes it over only once it expired, each write conditional on the
/// resourceVersion read. Only the leader runs the controllers; a leader that cannot renew in time stops them.
/// </summary>
public sealed partial class LeaseElector(KubeApi api, PropagationOptions options, TimeProvider time, ILogger logger)
{
    public const string LeaseNamespace = "karmada-system";
    public const string LeaseName = "dce-karmada-controller";

    /// <summary>Runs <paramref name="lead"/> while this replica holds the lease, again each time it wins it back.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        await api.EnsureNamespaceAsync(LeaseNamespace, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(cancellationToken))
            {
                await Task.Delay(options.LeaseRenewInterval, time, cancellationToken);
                continue;
            }

            LogLeading(logger, options.ReplicaId);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
            var lastRenewal = time.GetUtcNow();
            while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(options.LeaseRenewInterval, time, cancellationToken)).ContinueWith(_ => { }, TaskScheduler.Default);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (await TryAcquireOrRenewAsync(cancellationToken))
                {
                    lastRenewal = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - lastRenewal >= options.LeaseDuration - options.LeaseRenewInterval || await HeldByOtherAsync(cancellationToken))
                {
                    break;
                }
            }

            LogStopped(logger, options.ReplicaId);
            await leading.CancelAsync();
            await work.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await ReleaseAsync();
    }

    /// <summary>Gives the lease up on shutdown (as client-go's ReleaseOnCancel) so another replica need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var lease = await api.GetAsync(Kinds.Lease, LeaseNamespace, LeaseName, timeout.Token);
            if (lease?["spec"] is JsonObject spec && spec["holderIdentity"]?.GetValue<string>() == options.ReplicaId)
            {
                spec["holderIdentity"] = "";
                spec["leaseDurationSeconds"] = 1;
                await api.ReplaceAsync(Kinds.Lease, LeaseNamespace, LeaseName, lease, timeout.Token);
            }
        }
        catch (Exception error) when (error is KubeApiException or HttpRequestException or OperationCanceledException)
        {
            // The lease then expires on its own.
            LogLeaseFailed(logger, error.Message);
        }
    }

    private async Task<bool> HeldByOtherAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await api.GetAsync(Kinds.Lease, LeaseNamespace, LeaseName, cancellationToken);
            return lease?["spec"]?["holderIdentity"]?.GetValue<string>() is { } holder && holder != options.ReplicaId;
        }
        catch (Exception error) when (error is KubeApiException or HttpRequestException)
        {
            return false;
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var lease = await api.GetAsync(Kinds.Lease, LeaseNamespace, LeaseName, cancellationToken);
            if (lease is null)
            {
                await api.CreateAsync(Kinds.Lease, LeaseNamespace, new JsonObject
                {
                    ["apiVersion"] = "coordination.k8s.io/v1",
                    ["kind"] = "Lease",
                    ["metadata"] = new JsonObject { ["name"] = LeaseName, ["namespace"] = LeaseNamespace },
                    ["spec"] = Spec(now, now, 0),
                }, cancellationToken);
                return true;
            }

            var spec = lease["spec"] as JsonObject ?? [];
            var holder = spec["holderIdentity"]?.GetValue<string>();
            var renewed = DateTimeOffset.TryParse(spec["renewTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var renewTime) ? renewTime : DateTimeOffset.MinValue;
            var duration = TimeSpan.FromSeconds(spec["leaseDurationSeconds"]?.GetValue<int>() ?? (int)options.LeaseDuration.TotalSeconds);
            var ours = holder == options.ReplicaId;
            if (!ours && holder is { Length: > 0 } && renewed + duration > now)
            {
                return false;
            }

            var acquired = ours && DateTimeOffset.TryParse(spec["acquireTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : now;
            var transitions = (spec["leaseTransitions"]?.GetValue<int>() ?? 0) + (ours ? 0 : 1);
            lease["spec"] = Spec(acquired, now, transitions);
            await api.ReplaceAsync(Kinds.Lease, LeaseNamespace, LeaseName, lease, cancellationToken);
            return true;
        }
        catch (Exception error) when (error is KubeApiException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A conflict means another replica wrote first; it leads until its lease expires.
            LogLeaseFailed(logger, error.Message);
            return false;
        }
    }

    private JsonObject Spec(DateTimeOffset acquired, DateTimeOffset renewed, int transitions) => new()
    {
        ["holderIdentity"] = options.ReplicaId,
        ["leaseDurationSeconds"] = (int)options.LeaseDuration.TotalSeconds,
        ["acquireTime"] = MicroTime(acquired),
        ["renewTime"] = MicroTime(renewed),
        ["leaseTransitions"] = transitions,
    };

    private static string MicroTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} leads the Karmada controllers")]
    private static partial void LogLeading(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} stopped leading the Karmada controllers")]
    private static partial void LogStopped(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The lease could not be taken or renewed: {Reason}")]
    private static partial void LogLeaseFailed(ILogger logger, string reason);
}
