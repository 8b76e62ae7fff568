using Dce.Kubernetes.Quantities;
using k8s.Models;

namespace Dce.Kubernetes.Tests.Quantities;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2", "2")]
    [InlineData("100m", "0.1")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("1Ki", "1024")]
    [InlineData("2e3", "2000")]
    [InlineData("1E3", "1000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("5e-3", "0.005")]
    [InlineData("250n", "0.00000025")]
    [InlineData("10u", "0.00001")]
    [InlineData("1k", "1000")]
    [InlineData("4G", "4000000000")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("+1", "1")]
    [InlineData("-1", "-1")]
    public void Quantities_read_as_exact_numbers(string text, string value)
    {
        Assert.True(Quantity.TryParse(text, out var quantity));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("1ki")]
    [InlineData("1 Gi")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("1e1.5")]
    [InlineData(".")]
    [InlineData("m")]
    [InlineData("1Gib")]
    [InlineData("99999999999999999999Ei")]
    public void Other_text_is_not_a_quantity(string? text) => Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    [InlineData("100m", 100)]
    [InlineData("1.5", 1500)]
    [InlineData("0.29", 290)]
    [InlineData("2", 2000)]
    [InlineData("broken", 0)]
    [InlineData(null, 0)]
    public void Cpu_reads_in_millicores(string? text, long millicores) => Assert.Equal(millicores, Quantity.MilliCpu(text));

    [Theory]
    [InlineData("1.5Gi", 1610612736)]
    [InlineData("128Mi", 134217728)]
    [InlineData("1G", 1000000000)]
    [InlineData("500m", 0)]
    [InlineData("1Ei", 1152921504606846976)]
    public void Memory_reads_in_whole_bytes(string text, long bytes) => Assert.Equal(bytes, Quantity.Bytes(text));

    [Theory]
    [InlineData("500m", "500m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("2048Ki", "2Mi")]
    [InlineData("2000", "2k")]
    [InlineData("2e9", "2G")]
    [InlineData("0.5", "500m")]
    [InlineData("0", "0")]
    public void Quantities_print_in_canonical_form(string text, string canonical) => Assert.Equal(canonical, Quantity.Parse(text).ToString());

    [Fact]
    public void Sums_stay_exact_and_keep_the_binary_form()
    {
        var sum = Quantity.Parse("100m") + Quantity.Parse("200m") + Quantity.Parse("0.7");
        Assert.Equal(1m, sum.Value);
        Assert.Equal("1", sum.ToString());
        Assert.Equal("1536Mi", (Quantity.Zero + Quantity.Parse("1Gi") + Quantity.Parse("512Mi")).ToString());
        Assert.Equal(Quantity.Parse("2Gi"), Quantity.Max(Quantity.Parse("1Gi"), Quantity.Parse("2Gi")));
    }

    [Fact]
    public void Unreadable_text_counts_as_zero_and_surrounding_spaces_are_ignored()
    {
        Assert.True(Quantity.Parse("lots").IsZero);
        Assert.Equal(1024m, Quantity.Parse(" 1Ki ").Value);
    }

    [Fact]
    public void Client_model_quantities_read_the_same()
    {
        Assert.Equal(1610612736m, Quantity.Of(new ResourceQuantity("1.5Gi")).Value);
        Assert.Equal(0.25m, Quantity.Of(new ResourceQuantity("250m")).Value);
        Assert.True(Quantity.Of(null).IsZero);
    }
}
