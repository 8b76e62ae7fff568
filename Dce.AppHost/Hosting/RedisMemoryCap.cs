using Dce.LocalServers;
using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Hosting;

/// <summary>
/// The memory Redis may use, and what it evicts at the cap: only keys with an expiry (caches), least recently used first.
/// Keys without one (the authorization generation, revocations, lockout counters, index versions) are never evicted: at the
/// cap Redis refuses new writes instead. <c>Dce:Redis:MaxMemory</c> (Redis units, e.g. <c>512mb</c>) changes the cap.
/// </summary>
public static class RedisMemoryCap
{
    public const string Setting = "Dce:Redis:MaxMemory";
    public const string DefaultMaxMemory = RedisEviction.DefaultMaxMemory;
    public const string EvictionPolicy = RedisEviction.Policy;

    /// <summary>The configured cap, else <see cref="DefaultMaxMemory"/>.</summary>
    public static string MaxMemory(IConfiguration configuration) => configuration[Setting] is { Length: > 0 } value ? value : DefaultMaxMemory;

    /// <summary>The cap as <c>redis-server</c> arguments.</summary>
    public static string Arguments(string maxMemory) => $"--maxmemory {maxMemory} --maxmemory-policy {EvictionPolicy}";

    /// <summary>Appends the cap to the official image's <c>sh -c "redis-server ..."</c> command line, which Aspire builds as one argument.</summary>
    public static IResourceBuilder<RedisResource> WithMemoryCap(this IResourceBuilder<RedisResource> redis, string maxMemory) =>
        redis.WithArgs(context =>
        {
            var commandLine = context.Args.OfType<string>().LastOrDefault(a => a.StartsWith("redis-server", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The Redis container's command line was not found; the memory cap cannot be set.");
            context.Args[context.Args.IndexOf(commandLine)] = $"{commandLine} {Arguments(maxMemory)}";
        });
}
