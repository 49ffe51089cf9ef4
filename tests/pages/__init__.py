"""The pages wing: pages, figures and links as plain functions."""
