using Dce.Kubernetes.Names;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Reads a whole manifest and checks every document before any is applied: bounded shape, a supported kind, a valid
/// name, and confinement to the namespace of the route it was posted to. A namespaced object without a namespace
/// goes to that namespace; one naming another namespace is refused, and so is every cluster-scoped kind, since what
/// is cluster-scoped is decided by the API each kind is created through (<see cref="ManifestResources"/>).
/// </summary>
public static class ManifestReader
{
    /// <summary>Every kind a manifest may hold.</summary>
    public static IReadOnlyList<ManifestKind> SupportedKinds { get; } = ManifestResources.Kinds;

    public static ManifestReading Read(string yamlOrJson, string routeNamespace)
    {
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects;
        try
        {
            objects = ManifestParser.Parse(yamlOrJson ?? "");
        }
        catch (ManifestShapeException shape)
        {
            return ManifestReading.Refused(shape.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ManifestReading.Refused($"invalid manifest{AtLine(e)}: {e.Message}");
        }

        if (objects.Count == 0)
        {
            return ManifestReading.Refused("the manifest holds no objects");
        }

        var documents = new List<ManifestDocument>(objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            var (document, problem) = Check(i + 1, objects[i], routeNamespace);
            if (problem is not null)
            {
                return ManifestReading.Refused(problem);
            }

            documents.Add(document!);
        }

        return new ManifestReading(documents, null);
    }

    /// <summary>Where the YAML parser stopped, so an editor can mark the line: " at line 19, column 14", or nothing.</summary>
    private static string AtLine(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is YamlDotNet.Core.YamlException { Start.Line: > 0 } yaml)
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at line {yaml.Start.Line}, column {yaml.Start.Column}");
            }
        }

        return "";
    }

    private static (ManifestDocument? Document, string? Problem) Check(int index, IKubernetesObject<V1ObjectMeta> obj, string routeNamespace)
    {
        var resource = ManifestResources.ForType(obj.GetType());
        if (resource is null)
        {
            return (null, $"document {index}: kind {obj.Kind} of apiVersion {obj.ApiVersion} is not supported; supported: {string.Join(", ", ManifestResources.Names)}");
        }

        obj.Metadata ??= new V1ObjectMeta();
        var label = $"document {index} ({resource.Kind} \"{obj.Metadata.Name}\")";
        var nameError = resource.Kind is "Namespace" or "Service" ? KubernetesNames.LabelError(obj.Metadata.Name) : KubernetesNames.SubdomainError(obj.Metadata.Name);
        if (nameError is not null)
        {
            return (null, $"document {index}: {resource.Kind} metadata.name \"{obj.Metadata.Name}\" {nameError}");
        }

        if (!resource.Namespaced)
        {
            return (null, $"{label}: {resource.Kind} is cluster-scoped; a manifest posted to namespace {routeNamespace} may hold only objects of that namespace.");
        }

        var ns = obj.Metadata.NamespaceProperty;
        if (!string.IsNullOrEmpty(ns) && ns != routeNamespace)
        {
            return (null, $"{label}: metadata.namespace {ns} differs from the namespace {routeNamespace} the manifest was posted to; leave metadata.namespace out or post the manifest to namespace {ns}.");
        }

        obj.Metadata.NamespaceProperty = routeNamespace;
        obj.ApiVersion ??= resource.ApiVersion;
        obj.Kind ??= resource.Kind;
        return (new ManifestDocument(index, resource, obj), null);
    }
}
