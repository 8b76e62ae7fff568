using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.AppHost.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Runs the AppHost's own graph through Aspire's publish pipeline, as <see cref="KubernetesPublishingExtensions.Command"/> does.</summary>
internal static class AppHostPublish
{
    /// <summary>Publishes into a new folder; returns it and the values of the graph's secret parameters.</summary>
    public static async Task<(string Folder, IReadOnlyList<string> SecretValues)> ToTemporaryFolderAsync(params string[] args)
    {
        var output = Path.Combine(Path.GetTempPath(), $"dce-publish-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
            ["--operation", "publish", "--step", KubernetesPublishingExtensions.StepName, "--output-path", output, .. args]);
        builder.AddKubernetesManifests();
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.RunAsync(timeout.Token);
        return (output, await SecretValuesAsync(model.Resources));
    }

    /// <summary>
    /// The values the graph holds for its secret parameters, generated passwords included: those are not resources of the
    /// model, so they are also found as properties of the resources that own them (PasswordParameter and the like).
    /// </summary>
    public static async Task<IReadOnlyList<string>> SecretValuesAsync(IEnumerable<IResource> resources)
    {
        var resourceList = resources.ToList();
        var parameters = resourceList.OfType<ParameterResource>()
            .Concat(resourceList.SelectMany(resource => resource.GetType().GetProperties()
                .Where(property => property.PropertyType == typeof(ParameterResource) && property.GetIndexParameters().Length == 0)
                .Select(property => property.GetValue(resource) as ParameterResource)
                .OfType<ParameterResource>()))
            .Where(parameter => parameter.Secret)
            .Distinct();
        var values = new List<string>();
        foreach (var parameter in parameters)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            values.Add(await parameter.GetValueAsync(timeout.Token) ?? "");
        }

        return values;
    }
}
