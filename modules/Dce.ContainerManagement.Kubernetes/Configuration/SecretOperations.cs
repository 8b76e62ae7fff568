using System.Text;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Secrets: list, get (masked unless revealed), create, update and delete.</summary>
public static class SecretOperations
{
    /// <summary>What a masked value reads as.</summary>
    public const string Mask = "******";

    public static async Task<IReadOnlyList<SecretView>> ListAsync(IKubernetes client, string? ns, bool revealValues = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = ns is null
            ? await client.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: cancellationToken);
        return list.Items.Select(s => View(s, revealValues)).ToList();
    }

    public static async Task<SecretView> GetAsync(IKubernetes client, string ns, string name, bool revealValues = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return View(await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken), revealValues);
    }

    /// <summary>Creates a Secret of <paramref name="type"/> from plain-text values; the view returned is masked.</summary>
    public static async Task<SecretView> CreateAsync(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> values, string type = "Opaque", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Type = type,
            Data = Encode(values),
        }.Initialize();
        return View(await client.CoreV1.CreateNamespacedSecretAsync(secret, ns, cancellationToken: cancellationToken), false);
    }

    /// <summary>Replaces the values of the Secret with plain-text <paramref name="values"/>.</summary>
    public static async Task<SecretView> UpdateAsync(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var current = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        current.Data = Encode(values);
        current.StringData = null;
        return View(await client.CoreV1.ReplaceNamespacedSecretAsync(current, name, ns, cancellationToken: cancellationToken), false);
    }

    public static async Task DeleteAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
    }

    /// <summary>The view of <paramref name="secret"/>: every value <see cref="Mask"/>, or decoded when <paramref name="revealValues"/>.</summary>
    public static SecretView View(V1Secret secret, bool revealValues)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(
            kv => kv.Key, kv => revealValues ? Encoding.UTF8.GetString(kv.Value ?? []) : Mask, StringComparer.Ordinal);
        return new SecretView(secret.Metadata.NamespaceProperty ?? "", secret.Metadata.Name, secret.Type ?? "Opaque", data,
            new Dictionary<string, string>(secret.Metadata.Labels ?? new Dictionary<string, string>()), secret.Metadata.CreationTimestamp);
    }

    private static Dictionary<string, byte[]> Encode(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value), StringComparer.Ordinal);
    }
}
