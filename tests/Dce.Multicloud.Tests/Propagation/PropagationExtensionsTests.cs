using Dce.Multicloud.Propagation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dce.Multicloud.Tests.Propagation;

public sealed class PropagationExtensionsTests
{
    [Fact]
    public void AddPropagation_registers_the_engine_with_its_options_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Multicloud:Propagation:ResyncInterval"] = "00:00:30",
            ["Multicloud:Propagation:ReplicaId"] = "replica-x",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<MulticloudOptions>();

        services.AddPropagation(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PropagationOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(30), options.ResyncInterval);
        Assert.Equal("replica-x", options.ReplicaId);
        Assert.Contains(provider.GetServices<IHostedService>(), service => service is PropagationEngine);
    }
}
