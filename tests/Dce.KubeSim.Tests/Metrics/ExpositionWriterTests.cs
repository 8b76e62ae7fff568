using Dce.KubeSim.Api.Metrics;

namespace Dce.KubeSim.Tests.Metrics;

public sealed class ExpositionWriterTests
{
    [Fact]
    public void Label_values_and_help_are_escaped_so_a_scraper_reads_them_back_unchanged()
    {
        const string awkward = "C:\\path \"quoted\"\nsecond line";
        var text = new ExpositionWriter()
            .Gauge("kube_pod_info", "Help with a \\ backslash\nand a newline.").Sample(1, ("pod", awkward), ("namespace", "default"))
            .Counter("apiserver_request_total", "Requests.").Sample(3).Sample(0.25, ("code", "200"))
            .ToString();

        var parsed = Exposition.Parse(text);

        Assert.Contains("pod=\"C:\\\\path \\\"quoted\\\"\\nsecond line\"", text, StringComparison.Ordinal);
        Assert.Contains("# HELP kube_pod_info Help with a \\\\ backslash\\nand a newline.\n", text, StringComparison.Ordinal);
        Assert.Equal(awkward, Assert.Single(parsed.Of("kube_pod_info")).Labels["pod"]);
        Assert.Equal("gauge", parsed.FamilyTypes["kube_pod_info"]);
        Assert.Equal("counter", parsed.FamilyTypes["apiserver_request_total"]);
        Assert.Equal(0.25, parsed.Value("apiserver_request_total", ("code", "200")));
        Assert.Contains("\napiserver_request_total 3\n", text, StringComparison.Ordinal);
    }
}
