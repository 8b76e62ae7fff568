using Dce.Kubernetes.Selectors;

namespace Dce.Kubernetes.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app=api", false)]
    [InlineData("app==web", true)]
    [InlineData(" app = web ", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=web", true)]
    [InlineData("tier in (front,back)", true)]
    [InlineData("tier in (back)", false)]
    [InlineData("tier notin (front)", false)]
    [InlineData("missing notin (front)", true)]
    [InlineData("env", true)]
    [InlineData("env=", true)]
    [InlineData("!env", false)]
    [InlineData("!missing", true)]
    [InlineData("!missing,app=web,tier in (front, back)", true)]
    [InlineData("!missing,app=web,tier in (front)", true)]
    [InlineData("", true)]
    public void Selectors_match_as_kubernetes_defines(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Fact]
    public void Requirements_are_read_in_order()
    {
        var requirements = LabelSelector.Parse("app in (a, b),!gone,example.com/tier").Requirements;

        Assert.Equal(3, requirements.Count);
        Assert.Equal(new[] { "a", "b" }, requirements[0].Values);
        Assert.Equal(LabelOperator.In, requirements[0].Operator);
        Assert.Equal(LabelOperator.DoesNotExist, requirements[1].Operator);
        Assert.Equal(new LabelRequirement("example.com/tier", LabelOperator.Exists, []).Key, requirements[2].Key);
        Assert.True(LabelSelector.Parse(" ").IsEmpty);
    }

    [Theory]
    [InlineData("app in (web", "expected ',' or ')' in the set of values", "app in (web")]
    [InlineData("app>1", "the operator '>' is not supported; use =, ==, !=, in, notin, exists or !exists", "app>1")]
    [InlineData("-bad-=x", "'-bad-' is not a valid label key", "-bad-=x")]
    [InlineData("app=web,tier=-x-", "'-x-' is not a valid label value", "tier=-x-")]
    [InlineData("app like web", "unknown operator 'like' after 'app'", "app like web")]
    [InlineData("app in x", "expected '(' to open the set of values", "app in x")]
    [InlineData("app=a b", "expected ',' at position 6 of the label selector", "app=a b")]
    public void Broken_selectors_say_why_and_where(string selector, string message, string term)
    {
        var error = Assert.Throws<SelectorFormatException>(() => LabelSelector.Parse(selector));

        Assert.Equal(message, error.Message);
        Assert.Equal(term, error.Term);
    }
}
