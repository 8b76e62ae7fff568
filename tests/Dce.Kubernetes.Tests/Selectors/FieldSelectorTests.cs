using Dce.Kubernetes.Selectors;

namespace Dce.Kubernetes.Tests.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Fields = new() { ["metadata.name"] = "web", ["status.phase"] = "Running" };

    [Theory]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("metadata.name=web,status.phase!=Pending", true)]
    [InlineData("spec.nodeName=", false)]
    [InlineData("", true)]
    public void Terms_compare_a_field_with_a_value(string selector, bool matches) =>
        Assert.Equal(matches, FieldSelector.Parse(selector).Matches(path => Fields.GetValueOrDefault(path)));

    [Fact]
    public void An_exact_name_term_is_offered_for_narrowing()
    {
        Assert.Equal("web", FieldSelector.Parse("status.phase=Running,metadata.name=web").ExactName);
        Assert.Null(FieldSelector.Parse("metadata.name!=web").ExactName);
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("=web")]
    public void A_term_without_path_or_operator_is_refused(string selector)
    {
        var error = Assert.Throws<SelectorFormatException>(() => FieldSelector.Parse(selector));

        Assert.Equal($"invalid field selector: '{selector}'", error.Message);
    }
}
