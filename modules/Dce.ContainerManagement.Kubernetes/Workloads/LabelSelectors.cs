using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Writes a <see cref="V1LabelSelector"/> as the <c>labelSelector</c> query string of a list call.</summary>
public static class LabelSelectors
{
    /// <summary>The selector as text (<c>app=web,tier in (a,b)</c>); empty selects everything.</summary>
    public static string ToQuery(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var parts = (selector.MatchLabels ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}").ToList();
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            parts.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => "!" + expression.Key,
                _ => throw new ArgumentException($"unknown selector operator {expression.OperatorProperty}", nameof(selector)),
            });
        }

        return string.Join(",", parts);
    }
}
