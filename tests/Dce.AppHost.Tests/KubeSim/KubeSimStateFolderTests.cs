using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.KubeSim;

/// <summary>The AppHost gives KubeSim a state folder next to its kubeconfigs, so its clusters outlive a restart of the graph.</summary>
public sealed class KubeSimStateFolderTests
{
    [Fact]
    public async Task KubeSim_keeps_its_state_in_a_data_folder_beside_its_kubeconfigs()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
            ["--Dce:Middleware:Mode=process", "--Dce:Middleware:Ephemeral=true"]);
        await using var app = await builder.BuildAsync();
        var kubeSim = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == "kubesim");

        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), resource: kubeSim);
        foreach (var callback in kubeSim.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        var kubeconfigs = Assert.IsType<string>(context.EnvironmentVariables["KubeSim__KubeconfigDirectory"]);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(kubeconfigs)!, "data"), context.EnvironmentVariables["KubeSim__StateDirectory"]);
    }
}
