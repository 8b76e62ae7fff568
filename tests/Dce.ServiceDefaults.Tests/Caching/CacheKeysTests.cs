using Dce.ServiceDefaults.Caching;

namespace Dce.ServiceDefaults.Tests.Caching;

[Trait("Category", "Security")]
public sealed class CacheKeysTests
{
    [Fact]
    public void A_key_has_the_same_length_whatever_the_caller_sends_and_different_questions_get_different_keys()
    {
        var shortKey = CacheKeys.Bounded("dce:authz:1:kpanda", "user:cluster:get:alpha:default");
        var longKey = CacheKeys.Bounded("dce:authz:1:kpanda", "user:cluster:get:alpha:" + new string('n', 100_000));
        var otherKey = CacheKeys.Bounded("dce:authz:1:kpanda", "user:cluster:get:alpha:kube-system");

        Assert.Equal(shortKey.ToString().Length, longKey.ToString().Length);
        Assert.StartsWith("dce:authz:1:kpanda:", longKey.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(shortKey, otherKey);
        Assert.Equal(shortKey, CacheKeys.Bounded("dce:authz:1:kpanda", "user:cluster:get:alpha:default"));
    }
}
