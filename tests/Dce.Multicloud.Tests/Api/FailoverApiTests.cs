using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Multicloud.Tests.Api;

/// <summary>The instance's failover settings through DCE's path: read, changed, and refused with the field when they cannot be honoured.</summary>
[Collection(MulticloudPlatformCollection.Name)]
public sealed class FailoverApiTests(MulticloudPlatform platform)
{
    private const string Failover = $"{MulticloudPlatform.Kairship}/instances/{MulticloudPlatform.Instance}/failover";

    [Fact]
    public async Task Failover_settings_are_changed_and_read_back_and_bad_ones_change_nothing()
    {
        var admin = platform.Admin();
        try
        {
            var changed = await admin.PutAsJsonAsync(Failover, new { enabled = false, timeout = new { failoverEvictionTimeout = "30", gracefulEvictionTimeout = 120 } });
            var unsupported = await admin.PutAsJsonAsync(Failover, new { enabled = true, timeout = new { clusterMonitorPeriod = "5" } });
            var negative = await admin.PutAsJsonAsync(Failover, new { enabled = true, timeout = new { failoverEvictionTimeout = "-1" } });
            var read = await admin.GetFromJsonAsync<JsonElement>(Failover);

            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
            Assert.Contains("timeout.clusterMonitorPeriod", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
            Assert.False(read.GetProperty("enabled").GetBoolean());
            Assert.Equal("30", read.GetProperty("timeout").GetProperty("failoverEvictionTimeout").GetString());
            Assert.Equal("120", read.GetProperty("timeout").GetProperty("gracefulEvictionTimeout").GetString());
        }
        finally
        {
            (await admin.PutAsJsonAsync(Failover, new { enabled = true })).EnsureSuccessStatusCode();
        }
    }
}
