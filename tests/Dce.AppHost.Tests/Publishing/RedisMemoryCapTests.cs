using Dce.AppHost.Hosting;
using k8s.Models;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>The published Redis runs with a memory cap at which only keys with an expiry are evicted.</summary>
[Trait("Category", "Security")]
public sealed class RedisMemoryCapTests(GeneratedManifestsFixture fixture) : IClassFixture<GeneratedManifestsFixture>
{
    [Fact]
    public void Published_redis_caps_its_memory_and_evicts_only_keys_with_an_expiry()
    {
        var path = Path.Combine(fixture.Manifests.Directory, "base", "redis.yaml");
        var redis = ManifestFiles.LoadStrictly(path, File.ReadAllText(path)).OfType<V1StatefulSet>().Single();

        var commandLine = string.Join(' ', redis.Spec.Template.Spec.Containers.Single().Args);

        Assert.Contains($"--maxmemory {RedisMemoryCap.DefaultMaxMemory} --maxmemory-policy volatile-lru", commandLine, StringComparison.Ordinal);
    }
}
