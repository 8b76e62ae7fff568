using System.Globalization;
using System.Text;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Apply;

/// <summary>Field manager names: the client's, derived from its User-Agent when it names none, and the simulated components'.</summary>
public static class ManagerNames
{
    public const int MaxLength = 128;
    public const string ControllerManager = "kube-controller-manager";
    public const string Kubelet = "kubelet";
    public const string Scheduler = "kube-scheduler";

    /// <summary>The User-Agent's program name, as kube-apiserver derives it: the text before the first '/', printable characters only, at most 128 bytes.</summary>
    public static string FromUserAgent(string? userAgent)
    {
        var program = (userAgent ?? "").Split('/')[0];
        var name = new StringBuilder();
        var bytes = 0;
        foreach (var rune in program.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                continue;
            }
            if (bytes + rune.Utf8SequenceLength > MaxLength)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            name.Append(rune.ToString());
        }
        return name.ToString();
    }

    /// <summary>Which simulated component writes an object through <paramref name="subresource"/>.</summary>
    public static string ForController(ResourceType type, string? subresource) => (type.Kind, subresource) switch
    {
        ("Pod", "status") or ("Node", _) or ("Lease", _) => Kubelet,
        ("Pod", _) => Scheduler,
        _ => ControllerManager,
    };

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };
}
