using Dce.Kubernetes.Names;

namespace Dce.Kubernetes.Tests.Names;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("123-abc", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("Web", false)]
    [InlineData("a.b", false)]
    [InlineData("under_score", false)]
    public void Labels_are_lower_case_alphanumerics_and_dashes(string? name, bool valid) => Assert.Equal(valid, KubernetesNames.IsLabel(name));

    [Fact]
    public void A_label_holds_at_most_63_characters()
    {
        Assert.True(KubernetesNames.IsLabel(new string('a', 63)));
        Assert.False(KubernetesNames.IsLabel(new string('a', 64)));
        Assert.Equal("must be no more than 63 characters", KubernetesNames.LabelError(new string('a', 64)));
    }

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a.b.c", true)]
    [InlineData("web", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("Valid-Name", false)]
    public void Subdomains_are_dot_separated_labels(string name, bool valid) => Assert.Equal(valid, KubernetesNames.IsSubdomain(name));

    [Fact]
    public void A_subdomain_holds_at_most_253_characters()
    {
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.True(KubernetesNames.IsSubdomain(longest));
        Assert.False(KubernetesNames.IsSubdomain(longest + "a"));
        Assert.Equal("must be no more than 253 characters", KubernetesNames.SubdomainError(longest + "a"));
    }

    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("Under_Score.dot-Dash", true)]
    [InlineData("/name", false)]
    [InlineData("prefix/", false)]
    [InlineData("Prefix/name", false)]
    [InlineData("-app", false)]
    [InlineData("a b", false)]
    public void Label_keys_are_an_optional_subdomain_prefix_and_a_name(string key, bool valid) => Assert.Equal(valid, KubernetesNames.IsLabelKey(key));

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_b-C", true)]
    [InlineData("-v", false)]
    [InlineData("v/1", false)]
    public void Label_values_may_be_empty(string value, bool valid) => Assert.Equal(valid, KubernetesNames.IsLabelValue(value));

    [Fact]
    public void Label_names_and_values_hold_at_most_63_characters()
    {
        Assert.True(KubernetesNames.IsLabelValue(new string('a', 63)));
        Assert.False(KubernetesNames.IsLabelValue(new string('a', 64)));
        Assert.False(KubernetesNames.IsLabelKey(new string('a', 64)));
        Assert.True(KubernetesNames.IsLabelKey("example.com/" + new string('a', 63)));
    }

    [Fact]
    public void Messages_are_the_api_servers()
    {
        Assert.Equal("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            KubernetesNames.LabelMessage);
        Assert.Equal("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            KubernetesNames.SubdomainMessage);
        Assert.Equal("is required", KubernetesNames.LabelError(""));
        Assert.Equal(KubernetesNames.SubdomainRule, KubernetesNames.SubdomainError("a_b"));
        Assert.Null(KubernetesNames.LabelError("web"));
    }
}
