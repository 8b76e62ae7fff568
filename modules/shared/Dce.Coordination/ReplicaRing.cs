using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Dce.Coordination;

/// <summary>
/// The live replicas of one module, kept in a Redis sorted set (member = replica id, score = expiry by Redis's own clock).
/// Each replica owns the keys that rendezvous hashing gives it among the live members. A replica that has not seen the
/// ring for a member's time to live owns nothing, so a replica cut off from Redis never claims everything.
/// </summary>
public sealed partial class ReplicaRing : IHostedService, IAsyncDisposable
{
    // Prunes the expired, renews this member and answers the live members, all by the server's clock.
    private const string HeartbeatScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        return redis.call('ZRANGE', KEYS[1], 0, -1)
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly CoordinationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisKey _key;
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private Task? _heartbeatStopped;
    private volatile View _view = View.None;
    private readonly Lock _announcing = new();
    private IReadOnlyList<string> _announced = [];

    public ReplicaRing(string name, IConnectionMultiplexer redis, CoordinationOptions options, TimeProvider time, ILogger logger)
    {
        Name = name;
        _redis = redis;
        _options = options;
        _time = time;
        _logger = logger;
        _key = $"dce:ring:{name}";
        ReplicaId = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }

    public string Name { get; }

    /// <summary>This replica's id in the ring, new at every start of the process.</summary>
    public string ReplicaId { get; }

    /// <summary>Raised when the live members as this replica sees them change (including when it loses sight of the ring).</summary>
    public event Action? Changed;

    /// <summary>The live members, or none while this replica's last sight of the ring is older than a member's time to live.</summary>
    public IReadOnlyList<string> Members
    {
        get
        {
            var view = _view;
            return _time.GetUtcNow() - view.SeenAt > _options.MemberTtl ? [] : view.Members;
        }
    }

    /// <summary>Whether <paramref name="key"/> is this replica's: false while the ring is not seen.</summary>
    public bool Owns(string key) => RendezvousHash.OwnerOf(key, Members) == ReplicaId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stopping = new CancellationTokenSource();
        lock (_lifecycle)
        {
            _stopping = stopping;
            _heartbeatStopped = null;
        }

        await HeartbeatAsync();
        _loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Leaves the ring at once, so the others take this replica's keys without waiting for its expiry.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopHeartbeatAsync();
        try
        {
            await _redis.GetDatabase().SortedSetRemoveAsync(_key, ReplicaId);
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogLeaveFailed(_logger, failure, Name);
        }

        Publish(View.None);
    }

    /// <summary>Stops heartbeating without leaving, as a killed replica would: the others take its keys after its expiry.</summary>
    internal async Task AbandonAsync()
    {
        await StopHeartbeatAsync();
        Publish(View.None);
    }

    /// <summary>Looks at the ring now (and renews this member) instead of waiting for the next heartbeat.</summary>
    public Task RefreshAsync() => HeartbeatAsync();

    public async ValueTask DisposeAsync() => await StopHeartbeatAsync();

    // A host may stop and dispose this concurrently (a test host stops it from two threads): the heartbeat stops once.
    private Task StopHeartbeatAsync()
    {
        lock (_lifecycle)
        {
            return _heartbeatStopped ??= _stopping is { } stopping ? CancelHeartbeatAsync(stopping) : Task.CompletedTask;
        }
    }

    private async Task CancelHeartbeatAsync(CancellationTokenSource stopping)
    {
        await stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop;
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await HeartbeatAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            var ttl = (long)_options.MemberTtl.TotalMilliseconds;
            var result = await _redis.GetDatabase().ScriptEvaluateAsync(HeartbeatScript, [_key], [ReplicaId, ttl]);
            var members = ((RedisResult[])result!).Select(r => (string)r!).Order(StringComparer.Ordinal).ToArray();
            _view = new View(members, _time.GetUtcNow());
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogHeartbeatFailed(_logger, failure, Name);
        }

        Announce();
    }

    private void Publish(View view)
    {
        _view = view;
        Announce();
    }

    private void Announce()
    {
        var members = Members;
        lock (_announcing)
        {
            if (_announced.SequenceEqual(members))
            {
                return;
            }

            _announced = members;
        }

        LogMembers(_logger, Name, ReplicaId, string.Join(", ", members));
        Changed?.Invoke();
    }

    private sealed record View(IReadOnlyList<string> Members, DateTimeOffset SeenAt)
    {
        public static readonly View None = new([], DateTimeOffset.MinValue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring {Ring} as seen by {Replica}: [{Members}]")]
    private static partial void LogMembers(ILogger logger, string ring, string replica, string members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ring {Ring}: heartbeat failed; this replica owns nothing once its sight of the ring is older than its time to live")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception failure, string ring);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ring {Ring}: leaving failed; the others take this replica's keys after its expiry")]
    private static partial void LogLeaveFailed(ILogger logger, Exception failure, string ring);
}
