using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Tests.Machinery;

public sealed class NameValidationTests
{
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
