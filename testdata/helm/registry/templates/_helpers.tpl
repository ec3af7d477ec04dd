{{/* The helm.sh/chart label: name-version. */}}
{{- define "registry.chart" -}}
{{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}
