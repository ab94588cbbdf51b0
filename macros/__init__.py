"""The handbook engine: load, validate and render the curriculum; the mkdocs glue is the plugin in site/.

Hand-written pages in docs/ may use Jinja: it runs in jinja2's sandbox (macros/handwritten/docs_sandbox.py),
never in an unsandboxed environment such as mkdocs-macros' (which the handbook no longer uses).
"""
