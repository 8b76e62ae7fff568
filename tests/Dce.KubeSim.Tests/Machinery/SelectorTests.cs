using Dce.Kubernetes.Selectors;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Tests.Machinery;

public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "prod" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("tier in (front,back)", true)]
    [InlineData("tier notin (front)", false)]
    [InlineData("env", true)]
    [InlineData("!env", false)]
    [InlineData("!missing,app=web,tier in (front)", true)]
    [InlineData("app=api", false)]
    public void Label_selectors_match_as_kubernetes_defines(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("Valid-Name", false)]
    [InlineData("valid-name", true)]
    [InlineData("a.b.c", true)]
    [InlineData("-leading", false)]
    [InlineData("under_score", false)]
    public void Names_follow_rfc_1123_subdomains(string name, bool valid)
    {
        var type = BuiltinResources.All.Single(t => t.Plural == "configmaps");
        Assert.Equal(valid, NameValidation.Problem(type, name) is null);
    }
}
