using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Publishing.Graph;

/// <summary>
/// Reads the application model into <see cref="Workload"/>s: projects become Deployments (or Jobs when another resource
/// waits for their completion), containers with a connection string become middleware StatefulSets. Parameters,
/// connection-string resources and databases are not workloads; resources excluded from the manifest are left out
/// and every reference to them is dropped with a warning.
/// </summary>
public sealed class GraphReader(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, IConfiguration configuration)
{
    private readonly Dictionary<string, PublishedParameter> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>Reads the graph; project images are <c>&lt;registry&gt;/&lt;name&gt;:&lt;version&gt;</c>.</summary>
    public async Task<PublishedGraph> ReadAsync(string registry, string version, CancellationToken cancellationToken)
    {
        var published = model.Resources.Where(IsPublished).OrderBy(resource => resource.Name, StringComparer.Ordinal).ToList();
        var ports = new PortMap();
        var portsByResource = published.ToDictionary(resource => resource.Name, ports.Add, StringComparer.Ordinal);
        var renderer = new ValueRenderer(ports, Publish);
        var completions = CompletionWaits(published);

        var workloads = new List<Workload>();
        foreach (var resource in published)
        {
            var kind = resource switch
            {
                ProjectResource when completions.ContainsKey(resource.Name) => WorkloadKind.Job,
                ProjectResource => WorkloadKind.Service,
                Hosting.AlertmanagerResource => WorkloadKind.Alertmanager,
                _ => WorkloadKind.Middleware,
            };
            var environment = await ReadEnvironmentAsync(resource, renderer, cancellationToken);
            var arguments = await ReadArgumentsAsync(resource, renderer, cancellationToken);
            var sidecars = resource.Annotations.OfType<Hosting.SidecarAnnotation>().Select(sidecar => ReadSidecar(resource, sidecar, renderer)).ToList();
            var targets = environment.SelectMany(variable => variable.Value.Targets)
                .Concat(arguments.SelectMany(argument => argument.Targets))
                .Concat(sidecars.SelectMany(sidecar => sidecar.Targets))
                .Where(target => target != resource.Name)
                .ToHashSet(StringComparer.Ordinal);
            workloads.Add(new Workload(
                resource.Name,
                kind,
                ImageOf(ImageSource(resource, completions), registry, version),
                kind == WorkloadKind.Job ? [] : portsByResource[resource.Name],
                environment,
                arguments,
                DataPathsOf(resource),
                targets,
                completions.GetValueOrDefault(resource.Name, []),
                (resource as ContainerResource)?.Entrypoint) { Sidecars = sidecars });
        }

        var parameters = _parameters.Values.OrderBy(parameter => parameter.Name, StringComparer.Ordinal).ToList();
        return new PublishedGraph(workloads, parameters, _warnings);
    }

    private static bool IsPublished(IResource resource) =>
        !resource.IsExcludedFromPublish()
        && !IsDevelopmentOnly(resource)
        && resource switch
        {
            ProjectResource => true,
            ContainerResource container => container is IResourceWithConnectionString || container.Annotations.OfType<EndpointAnnotation>().Any(),
            _ => false,
        };

    /// <summary>Simulated clusters (KubeSim, marked by its kubeconfig folder) exist for development; production reaches real clusters.</summary>
    private static bool IsDevelopmentOnly(IResource resource) => resource.Annotations.OfType<Hosting.KubeconfigFolderAnnotation>().Any();

    /// <summary>Projects that something waits for to complete, and who waits for them.</summary>
    private static Dictionary<string, List<string>> CompletionWaits(List<IResource> published)
    {
        var waits = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var waiter in published)
        {
            foreach (var wait in waiter.Annotations.OfType<WaitAnnotation>().Where(wait => wait.WaitType == WaitType.WaitForCompletion))
            {
                if (!waits.TryGetValue(wait.Resource.Name, out var waiters))
                {
                    waits[wait.Resource.Name] = waiters = [];
                }

                waiters.Add(waiter.Name);
            }
        }

        return waits;
    }

    private async Task<List<WorkloadEnvironment>> ReadEnvironmentAsync(IResource resource, ValueRenderer renderer, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(executionContext, resource, values, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        var environment = new List<WorkloadEnvironment>();
        foreach (var (name, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (EnvironmentConventions.IsReplacedInCluster(name))
            {
                continue;
            }

            var rendered = renderer.Render(value);
            if (rendered is null || rendered.Targets.Any(target => !IsPublishedName(target)))
            {
                _warnings.Add($"{resource.Name}: {name} refers to something outside the published graph ({Describe(value)}); left out.");
                continue;
            }

            environment.Add(new WorkloadEnvironment(name, rendered));
        }

        return environment;
    }

    private async Task<List<RenderedValue>> ReadArgumentsAsync(IResource resource, ValueRenderer renderer, CancellationToken cancellationToken)
    {
        var values = new List<object>();
        var context = new CommandLineArgsCallbackContext(values, resource, cancellationToken) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        var arguments = new List<RenderedValue>();
        foreach (var value in values)
        {
            arguments.Add(renderer.Render(value)
                ?? throw new InvalidOperationException($"{resource.Name}: argument {Describe(value)} cannot be expressed in a manifest."));
        }

        return arguments;
    }

    private static WorkloadSidecar ReadSidecar(IResource resource, Hosting.SidecarAnnotation sidecar, ValueRenderer renderer)
    {
        RenderedValue Render(object value) => renderer.Render(value)
            ?? throw new InvalidOperationException($"{resource.Name}: sidecar {sidecar.Name}'s value {Describe(value)} cannot be expressed in a manifest.");
        return new WorkloadSidecar(sidecar.Name, sidecar.Image,
            [.. sidecar.Arguments.Select(Render)],
            [.. sidecar.Environment.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new WorkloadEnvironment(pair.Key, Render(pair.Value)))],
            sidecar.SharedFolder, sidecar.Port, sidecar.HealthPath);
    }

    private bool IsPublishedName(string name) =>
        model.Resources.FirstOrDefault(resource => resource.Name == name) is { } resource && IsPublished(resource);

    private static string Describe(object? value) => value switch
    {
        IResource resource => resource.Name,
        EndpointReference endpoint => $"endpoint {endpoint.Resource.Name}/{endpoint.EndpointName}",
        _ => value?.GetType().Name ?? "null",
    };

    private PublishedParameter Publish(ParameterResource parameter)
    {
        if (!_parameters.TryGetValue(parameter.Name, out var published))
        {
            var value = parameter.Secret ? null : configuration[$"Parameters:{parameter.Name}"] ?? parameter.Default?.GetDefaultValue();
            _parameters[parameter.Name] = published = new PublishedParameter(parameter.Name, parameter.Secret, value);
        }

        return published;
    }

    /// <summary>A migration step runs its module's image: the project that waits for it and has the same project file.</summary>
    private IResource ImageSource(IResource resource, Dictionary<string, List<string>> completions)
    {
        if (resource is not ProjectResource project || !completions.TryGetValue(resource.Name, out var waiters))
        {
            return resource;
        }

        var path = project.GetProjectMetadata().ProjectPath;
        return model.Resources.OfType<ProjectResource>()
            .FirstOrDefault(waiter => waiters.Contains(waiter.Name) && waiter.GetProjectMetadata().ProjectPath == path) ?? resource;
    }

    private static string ImageOf(IResource resource, string registry, string version)
    {
        if (resource is ProjectResource)
        {
            return $"{registry}/{resource.Name}:{version}";
        }

        var image = resource.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()
            ?? throw new InvalidOperationException($"Container '{resource.Name}' has no image.");
        var name = string.IsNullOrEmpty(image.Registry) ? image.Image : $"{image.Registry}/{image.Image}";
        return image.SHA256 is { Length: > 0 } digest ? $"{name}@sha256:{digest}" : $"{name}:{image.Tag ?? "latest"}";
    }

    private static List<string> DataPathsOf(IResource resource) =>
        resource.Annotations.OfType<ContainerMountAnnotation>()
            .Where(mount => mount.Type == ContainerMountType.Volume)
            .Select(mount => mount.Target)
            .ToList();
}
